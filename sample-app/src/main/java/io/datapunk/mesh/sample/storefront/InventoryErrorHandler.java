package io.datapunk.mesh.sample.storefront;

import io.datapunk.mesh.MeshException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Turns failed inventory calls into answers: an item the inventory does not know is a
 * product the storefront does not know (404), and a call the mesh could not complete
 * means the storefront cannot answer for now (503).
 *
 * @author datapunk mesh team
 */
@RestControllerAdvice
class InventoryErrorHandler {

	private static final Log logger = LogFactory.getLog(InventoryErrorHandler.class);

	@ExceptionHandler(HttpClientErrorException.NotFound.class)
	ProblemDetail itemNotFound(HttpClientErrorException.NotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such product");
	}

	@ExceptionHandler(MeshException.class)
	ProblemDetail serviceUnavailable(MeshException ex) {
		// The message names the service and every attempt's instance: what an operator
		// needs, so it goes to the log. The caller is told which service failed, not the
		// internal addresses of its instances.
		logger.warn(ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Service '" + ex.getServiceId() + "' is unavailable");
		problem.setProperty("service", ex.getServiceId());
		problem.setProperty("attempts", ex.getAttempts().size());
		return problem;
	}

}
