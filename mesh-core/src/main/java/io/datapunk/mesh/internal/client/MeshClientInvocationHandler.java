package io.datapunk.mesh.internal.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

import io.datapunk.mesh.MeshException;

import org.springframework.util.ReflectionUtils;
import io.datapunk.mesh.Idempotent;
import io.datapunk.mesh.MeshClient;

/**
 * Sits in front of the HTTP interface proxies of one {@link MeshClient}: sends the
 * {@link Idempotent @Idempotent} methods through the proxy whose requests carry the
 * idempotent mark, and lets the fallback answer when a call fails for a mesh reason (a
 * {@link MeshException}: breaker open, retries exhausted, no instance, deadline). An
 * error answer of the service (a 4xx, say) reaches the caller as it is. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class MeshClientInvocationHandler implements InvocationHandler {

	private final Object plain;

	private final Object marked;

	private final Set<Method> idempotentMethods;

	private final Object fallback;

	private MeshClientInvocationHandler(Object plain, Object marked, Set<Method> idempotentMethods, Object fallback) {
		this.plain = plain;
		this.marked = marked;
		this.idempotentMethods = idempotentMethods;
		this.fallback = fallback;
	}

	/**
	 * Wrap the proxies.
	 * @param type the interface
	 * @param plain the proxy for unmarked methods
	 * @param marked the proxy for {@code @Idempotent} methods, or {@code null} if none
	 * @param idempotentMethods the {@code @Idempotent} methods
	 * @param fallback the fallback bean, or {@code null}
	 */
	static <T> T wrap(Class<T> type, T plain, T marked, Set<Method> idempotentMethods, T fallback) {
		Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				new MeshClientInvocationHandler(plain, marked, Set.copyOf(idempotentMethods), fallback));
		return type.cast(proxy);
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return invokeObjectMethod(proxy, method, args);
		}
		Object target = (this.marked != null && this.idempotentMethods.contains(method)) ? this.marked : this.plain;
		try {
			return call(target, method, args);
		}
		catch (MeshException ex) {
			if (this.fallback == null) {
				throw ex;
			}
			return call(this.fallback, method, args);
		}
	}

	private Object invokeObjectMethod(Object proxy, Method method, Object[] args) throws Throwable {
		return switch (method.getName()) {
			case "equals" -> proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "toString" -> "MeshClient proxy over " + this.plain;
			default -> call(this.plain, method, args);
		};
	}

	private static Object call(Object target, Method method, Object[] args) throws Throwable {
		try {
			// The interface (or the fallback class) need not be public.
			ReflectionUtils.makeAccessible(method);
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
