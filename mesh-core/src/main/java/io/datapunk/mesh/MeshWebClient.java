package io.datapunk.mesh;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the mesh-aware {@code WebClient.Builder} bean: a {@code WebClient} built from
 * it sends {@code http://<service>/…} through the mesh without blocking a thread, as
 * {@code @LoadBalanced} does for Spring Cloud LoadBalancer. An unqualified
 * {@code WebClient.Builder} injection still gets Spring Boot's plain builder.
 * <p>
 * <pre class="code">
 * OrderService(&#64;MeshWebClient WebClient.Builder builder) {
 *     this.inventory = builder.baseUrl("http://inventory").build();
 * }
 * </pre>
 * <p>
 * A request is marked {@link Idempotent} with the {@link Idempotent#ATTRIBUTE} request
 * attribute.
 *
 * @since 0.1.0
 */
@Documented
@Qualifier
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface MeshWebClient {

}
