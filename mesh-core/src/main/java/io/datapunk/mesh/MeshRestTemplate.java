package io.datapunk.mesh;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the mesh-aware {@code RestTemplateBuilder} bean: a {@code RestTemplate} built
 * from it sends {@code http://<service>/…} through the mesh, as {@code @LoadBalanced}
 * does for Spring Cloud LoadBalancer. An unqualified {@code RestTemplateBuilder}
 * injection still gets Spring Boot's plain builder.
 * <p>
 * <pre class="code">
 * OrderService(&#64;MeshRestTemplate RestTemplateBuilder builder) {
 *     this.inventory = builder.rootUri("http://inventory").build();
 * }
 * </pre>
 * <p>
 * A {@code RestTemplate} cannot mark one request {@link Idempotent}: a POST or PATCH is
 * sent again only when the service's {@code retry.methods} lists it.
 *
 * @since 0.1.0
 */
@Documented
@Qualifier
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface MeshRestTemplate {

}
