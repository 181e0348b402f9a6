package io.datapunk.mesh;

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
 * &#64;MeshClient(value = "inventory", fallback = InventoryFallback.class)
 * interface InventoryClient {
 *     &#64;GetExchange("/items/{id}") Item item(&#64;PathVariable String id);
 * }
 * </pre>
 * <p>
 * Methods that return {@code Mono}, {@code Flux} or another reactive type go through the
 * mesh without blocking, on a {@code WebClient} (spring-webflux must be on the class
 * path); the others block their caller, on a {@code RestClient}. Both take the service's
 * same settings, breaker and budgets.
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

	/**
	 * Bean that answers in the service's place when a call fails for a mesh reason
	 * (circuit open, retries exhausted, no instance, deadline passed), not when the
	 * service answers with an error such as a 4xx. It implements the interface and is a
	 * bean of the context (a {@code @Component}, say); the mesh client is then the
	 * {@code @Primary} bean of the interface type.
	 * @return the fallback class, or {@code void.class} for none
	 */
	Class<?> fallback() default void.class;

}
