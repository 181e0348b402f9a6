package io.datapunk.mesh.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface written with Spring's HTTP interface annotations
 * ({@code @GetExchange} and the like) as a client of one mesh service. The interface is
 * found in the application's auto-configuration packages, or in the packages named by
 * {@link EnableMeshClients}, and registered as a bean whose calls go through the mesh.
 * <p>
 * <pre class="code">
 * &#64;MeshClient("inventory")
 * interface InventoryClient {
 *     &#64;GetExchange("/items/{id}") Item item(&#64;PathVariable String id);
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface MeshClient {

	/**
	 * Name of the called service; it follows the mesh service-name rule and is the key of
	 * its settings under {@code mesh.services}.
	 * @return the service name
	 */
	String value();

}
