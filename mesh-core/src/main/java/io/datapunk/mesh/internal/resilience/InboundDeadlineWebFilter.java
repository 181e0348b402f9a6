package io.datapunk.mesh.internal.resilience;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The WebFlux twin of {@link InboundDeadlineFilter}: reads the {@value Deadline#HEADER}
 * header of an incoming request and puts the deadline in the Reactor context of its
 * handling ({@link InboundDeadline#CONTEXT_KEY}), so that the reactive mesh calls made
 * for it end when its caller stops waiting. The header comes from outside: a missing,
 * malformed or oversized value (more than ten digits) changes nothing, and a deadline
 * already in the context is only ever shortened.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public class InboundDeadlineWebFilter implements WebFilter, Ordered {

	private static final Log logger = LogFactory.getLog(InboundDeadlineWebFilter.class);

	/**
	 * Early, as the servlet filter: the deadline bounds every mesh call of the request.
	 */
	private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String header = exchange.getRequest().getHeaders().getFirst(Deadline.HEADER);
		Deadline deadline = (header != null) ? Deadline.parseHeaderValue(header.trim()) : null;
		if (deadline == null) {
			if (header != null && logger.isDebugEnabled()) {
				logger.debug("Ignoring malformed " + Deadline.HEADER + " header (" + header.length() + " chars)");
			}
			return chain.filter(exchange);
		}
		return chain.filter(exchange)
			.contextWrite((context) -> context.put(InboundDeadline.CONTEXT_KEY,
					deadline.earliest(context.getOrDefault(InboundDeadline.CONTEXT_KEY, null))));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
