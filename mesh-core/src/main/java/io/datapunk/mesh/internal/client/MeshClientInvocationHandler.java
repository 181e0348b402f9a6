package io.datapunk.mesh.internal.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;

import io.datapunk.mesh.MeshException;

import org.springframework.util.ReflectionUtils;
import io.datapunk.mesh.Idempotent;
import io.datapunk.mesh.MeshClient;

/**
 * Sits in front of the HTTP interface proxies of one {@link MeshClient}: sends each
 * method through its proxy (the {@link Idempotent @Idempotent} ones through one whose
 * requests carry the idempotent mark, those returning reactive types through a
 * {@code WebClient} one), and lets the fallback answer when a call fails for a mesh
 * reason (a {@link MeshException}: breaker open, retries exhausted, no instance,
 * deadline), thrown or, for a reactive method, signalled. An error answer of the service
 * (a 4xx, say) reaches the caller as it is. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class MeshClientInvocationHandler implements InvocationHandler {

	private final Map<Method, Object> targets;

	private final Object defaultTarget;

	private final Set<Method> reactiveMethods;

	private final Object fallback;

	private MeshClientInvocationHandler(Map<Method, Object> targets, Object defaultTarget, Set<Method> reactiveMethods,
			Object fallback) {
		this.targets = targets;
		this.defaultTarget = defaultTarget;
		this.reactiveMethods = reactiveMethods;
		this.fallback = fallback;
	}

	/**
	 * Wrap the proxies.
	 * @param type the interface
	 * @param targets the proxy of each method
	 * @param defaultTarget the proxy of the methods not in {@code targets}
	 * @param reactiveMethods the methods returning reactive types
	 * @param fallback the fallback bean, or {@code null}
	 */
	static <T> T wrap(Class<T> type, Map<Method, Object> targets, T defaultTarget, Set<Method> reactiveMethods,
			T fallback) {
		Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				new MeshClientInvocationHandler(Map.copyOf(targets), defaultTarget, Set.copyOf(reactiveMethods),
						fallback));
		return type.cast(proxy);
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return invokeObjectMethod(proxy, method, args);
		}
		Object target = this.targets.getOrDefault(method, this.defaultTarget);
		Object answer;
		try {
			answer = call(target, method, args);
		}
		catch (MeshException ex) {
			if (this.fallback == null) {
				throw ex;
			}
			return call(this.fallback, method, args);
		}
		if (this.fallback != null && this.reactiveMethods.contains(method)) {
			return ReactiveFallback.resume(method, answer, () -> call(this.fallback, method, args));
		}
		return answer;
	}

	private Object invokeObjectMethod(Object proxy, Method method, Object[] args) throws Throwable {
		return switch (method.getName()) {
			case "equals" -> proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "toString" -> "MeshClient proxy over " + this.defaultTarget;
			default -> call(this.defaultTarget, method, args);
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
