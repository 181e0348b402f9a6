package io.datapunk.mesh.sample.reactivestorefront;

import io.datapunk.mesh.MeshException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Turns failed inventory calls into answers, as the servlet storefront does: an item the
 * inventory does not know is a product the storefront does not know (404), and a call the
 * mesh could not complete means the storefront cannot answer for now (503). A reactive
 * client reports an inventory 404 as a {@link WebClientResponseException}.
 *
 * @author datapunk mesh team
 */
@RestControllerAdvice
class ReactiveInventoryErrorHandler {

	private static final Log logger = LogFactory.getLog(ReactiveInventoryErrorHandler.class);

	@ExceptionHandler(WebClientResponseException.NotFound.class)
	ProblemDetail itemNotFound(WebClientResponseException.NotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such product");
	}

	@ExceptionHandler(MeshException.class)
	ProblemDetail serviceUnavailable(MeshException ex) {
		// The message names the service and every attempt's instance: for the log, not
		// for the caller.
		logger.warn(ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Service '" + ex.getServiceId() + "' is unavailable");
		problem.setProperty("service", ex.getServiceId());
		problem.setProperty("attempts", ex.getAttempts().size());
		return problem;
	}

}
