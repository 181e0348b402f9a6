package io.datapunk.mesh.internal.client;

import java.net.URI;

import io.micrometer.observation.transport.RequestReplySenderContext;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;

/**
 * What one attempt of a mesh call carries to observation handlers: the attempt's request
 * headers as the carrier, so that a tracing handler puts the attempt span's
 * {@code traceparent} in the request the instance receives.
 *
 * @since 0.1.0
 */
public class MeshAttemptObservationContext extends RequestReplySenderContext<HttpHeaders, ClientHttpResponse> {

	private final String serviceId;

	private final URI instance;

	private final HttpMethod method;

	private int status;

	private String failureReason;

	MeshAttemptObservationContext(HttpHeaders headers, String serviceId, URI instance, HttpMethod method) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.set(key, value);
			}
		});
		setCarrier(headers);
		setRemoteServiceName(serviceId);
		this.serviceId = serviceId;
		this.instance = instance;
		this.method = method;
	}

	/**
	 * Return the called service.
	 * @return the service name
	 */
	public String getServiceId() {
		return this.serviceId;
	}

	/**
	 * Return the instance the attempt went to.
	 * @return its address, {@code scheme://host:port}
	 */
	public URI getInstance() {
		return this.instance;
	}

	/**
	 * Return the request method.
	 * @return the method
	 */
	public HttpMethod getMethod() {
		return this.method;
	}

	/**
	 * Return the status the instance answered.
	 * @return the status, 0 if no answer came
	 */
	public int getStatus() {
		return this.status;
	}

	void setStatus(int status) {
		this.status = status;
	}

	/**
	 * Return why the attempt failed without an answer.
	 * @return a reason such as {@code connect-refused}, or {@code null} if an answer came
	 */
	public String getFailureReason() {
		return this.failureReason;
	}

	void setFailureReason(String failureReason) {
		this.failureReason = failureReason;
	}

}
