package io.datapunk.mesh;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the mesh-aware {@code RestClient.Builder} bean: a client built from it sends
 * {@code http://<service>/…} through the mesh. An unqualified {@code RestClient.Builder}
 * injection still gets Spring Boot's plain builder.
 * <p>
 * <pre class="code">
 * OrderService(&#64;MeshRestClient RestClient.Builder builder) {
 *     this.inventory = builder.baseUrl("http://inventory").build();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@Documented
@Qualifier
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface MeshRestClient {

}
