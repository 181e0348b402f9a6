package io.datapunk.mesh.internal.resilience;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the {@value Deadline#HEADER} header of an incoming request and makes it the
 * {@link InboundDeadline} while the request is served, so that the mesh calls made for it
 * end when its caller stops waiting. A missing or malformed header changes nothing.
 *
 * @since 0.1.0
 */
public class InboundDeadlineFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(InboundDeadlineFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(Deadline.HEADER);
		Deadline deadline = (header != null) ? Deadline.parseHeaderValue(header.trim()) : null;
		if (deadline == null) {
			if (header != null && logger.isDebugEnabled()) {
				logger.debug("Ignoring malformed " + Deadline.HEADER + " header (" + header.length() + " chars)");
			}
			chain.doFilter(request, response);
			return;
		}
		try (InboundDeadline.Scope scope = InboundDeadline.open(deadline)) {
			chain.doFilter(request, response);
		}
	}

}
