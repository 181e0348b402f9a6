package io.datapunk.mesh.internal.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.util.function.BooleanSupplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A response whose body was read, up to a limit, while its attempt was still running, so
 * that an instance that dies halfway through a body costs a retry rather than an error
 * for the caller. A body that fits is held whole and the connection handed back at once;
 * a longer one of unannounced length is held in part and followed by the rest of the
 * original stream, which is read, as without the mesh, after the call returned.
 *
 * @author datapunk mesh team
 */
final class BufferedBodyResponse implements ClientHttpResponse {

	/** How much of a body is read inside the attempt, at most. */
	static final int LIMIT = 64 * 1024;

	private final ClientHttpResponse rest;

	private final HttpStatusCode status;

	private final String statusText;

	private final HttpHeaders headers;

	private final InputStream body;

	private BufferedBodyResponse(ClientHttpResponse rest, HttpStatusCode status, String statusText, HttpHeaders headers,
			InputStream body) {
		this.rest = rest;
		this.status = status;
		this.statusText = statusText;
		this.headers = headers;
		this.body = body;
	}

	/**
	 * Read a response's body, or its start. A body announced as longer than the limit is
	 * left alone: it could not be retried whole anyway. So is a response that has no body
	 * whatever its headers say: to {@code HEAD}, and {@code 1xx}, {@code 204} and
	 * {@code 304} answers (RFC 9110). A response already read is returned as it is.
	 * @param response the response, with its status already read
	 * @param status its status
	 * @param method the request's method
	 * @param abandoned says, between two reads, whether nobody waits for the body any
	 * more (its attempt timed out), so that a trickling body stops at once
	 * @return the response to hand to the caller
	 * @throws IOException if the body could not be read, ended before its announced
	 * length, or was abandoned; the response is aborted then
	 */
	static ClientHttpResponse read(ClientHttpResponse response, HttpStatusCode status, HttpMethod method,
			BooleanSupplier abandoned) throws IOException {
		if (response instanceof BufferedBodyResponse || HttpMethod.HEAD.equals(method) || status.is1xxInformational()
				|| status.value() == 204 || status.value() == 304) {
			return response;
		}
		InputStream in = null;
		try {
			HttpHeaders headers = response.getHeaders();
			long announced = contentLength(headers);
			if (announced > LIMIT) {
				return response;
			}
			in = response.getBody();
			byte[] start = readUpTo(in, (announced >= 0) ? (int) announced : LIMIT, abandoned);
			if (announced >= 0 && start.length < announced) {
				throw new EOFException("The connection ended after " + start.length + " of the " + announced
						+ " bytes of the response body");
			}
			String statusText = response.getStatusText();
			if (announced >= 0 || start.length < LIMIT) {
				// The whole body is here: give the connection back now.
				response.close();
				return new BufferedBodyResponse(null, status, statusText, headers, new ByteArrayInputStream(start));
			}
			return new BufferedBodyResponse(response, status, statusText, headers,
					new SequenceInputStream(new ByteArrayInputStream(start), in));
		}
		catch (IOException | RuntimeException ex) {
			// Not close(): some clients read the rest of the body first, which a
			// trickling instance makes last for ever.
			ResponseAborts.abort(response, in);
			throw ex;
		}
	}

	/**
	 * Return the announced length of the body, or -1; a malformed one is a broken answer,
	 * a failure of the attempt like a body cut short.
	 */
	private static long contentLength(HttpHeaders headers) throws IOException {
		try {
			return headers.getContentLength();
		}
		catch (NumberFormatException ex) {
			throw new IOException("Malformed Content-Length in the response", ex);
		}
	}

	/**
	 * Read up to a number of bytes as they come, checking between two reads whether the
	 * attempt was abandoned.
	 */
	private static byte[] readUpTo(InputStream in, int max, BooleanSupplier abandoned) throws IOException {
		byte[] buffer = new byte[Math.min(max, 8192)];
		ByteArrayOutputStream read = new ByteArrayOutputStream(buffer.length);
		while (read.size() < max) {
			if (abandoned.getAsBoolean()) {
				throw new InterruptedIOException(
						"The attempt ended before the response body did (" + read.size() + " bytes read)");
			}
			int count = in.read(buffer, 0, Math.min(buffer.length, max - read.size()));
			if (count < 0) {
				break;
			}
			read.write(buffer, 0, count);
		}
		return read.toByteArray();
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return this.status;
	}

	@Override
	public String getStatusText() {
		return this.statusText;
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public InputStream getBody() {
		return this.body;
	}

	@Override
	public void close() {
		if (this.rest != null) {
			this.rest.close();
		}
	}

}
