package io.datapunk.mesh;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link MeshClient} interface as safe to send more than once, so
 * that the mesh retries it like a GET even if its HTTP method is POST or PATCH. Use it
 * only where the server makes repeats harmless (an idempotency key, say).
 * <p>
 * A request made with a {@code @MeshRestClient} builder is marked with the
 * {@link #ATTRIBUTE} request attribute instead:
 *
 * <pre class="code">
 * restClient.post().uri("http://billing/charges").attribute(Idempotent.ATTRIBUTE, true)...
 * </pre>
 *
 * @since 0.1.0
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {

	/**
	 * Request attribute that marks a request idempotent when {@link Boolean#TRUE}.
	 */
	String ATTRIBUTE = "io.datapunk.mesh.idempotent";

}
