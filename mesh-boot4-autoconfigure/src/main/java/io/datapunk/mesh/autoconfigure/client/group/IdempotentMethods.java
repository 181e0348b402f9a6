package io.datapunk.mesh.autoconfigure.client.group;

import java.lang.reflect.Method;

import io.datapunk.mesh.Idempotent;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.service.invoker.HttpRequestValues;

/**
 * Marks each request of an {@link Idempotent @Idempotent} method of an HTTP service with
 * the {@link Idempotent#ATTRIBUTE} request attribute, which is what the mesh reads before
 * it sends a POST or PATCH again. Stateless and thread-safe.
 *
 * @author datapunk mesh team
 */
final class IdempotentMethods implements HttpRequestValues.Processor {

	@Override
	public void process(Method method, MethodParameter[] parameters, Object[] arguments,
			HttpRequestValues.Builder builder) {
		if (AnnotatedElementUtils.hasAnnotation(method, Idempotent.class)) {
			builder.addAttribute(Idempotent.ATTRIBUTE, Boolean.TRUE);
		}
	}

}
