package io.datapunk.mesh.internal.client;

import java.io.IOException;
import java.io.InputStream;

import org.apache.hc.core5.http.io.EofSensorInputStream;

import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.ClassUtils;

/**
 * Ends a response whose body will not be read to its end, without reading it: Spring's
 * responses over {@code HttpURLConnection} and Apache HttpClient 5 read the rest of a
 * body on {@code close()} to keep the connection, which a trickling or hung instance
 * makes last as long as it likes. The body's own stream is closed (or, on HttpClient 5,
 * its connection aborted) first, so the response's {@code close()} finds nothing left to
 * read.
 *
 * @author datapunk mesh team
 */
final class ResponseAborts {

	private static final boolean HTTP_COMPONENTS_PRESENT = ClassUtils
		.isPresent("org.apache.hc.core5.http.io.EofSensorInputStream", ResponseAborts.class.getClassLoader());

	private ResponseAborts() {
	}

	/**
	 * Abort a response.
	 * @param response the response
	 * @param body its body stream, or {@code null} if it was not opened
	 */
	static void abort(ClientHttpResponse response, InputStream body) {
		if (body != null) {
			try {
				if (!(HTTP_COMPONENTS_PRESENT && HttpComponents.abort(body))) {
					body.close();
				}
			}
			catch (IOException | RuntimeException ex) {
				// Already broken: the response's close() below frees what is left.
			}
		}
		response.close();
	}

	/** Kept apart so that its types are loaded only when HttpClient 5 is present. */
	private static final class HttpComponents {

		static boolean abort(InputStream body) throws IOException {
			if (body instanceof EofSensorInputStream eofSensor) {
				eofSensor.abort();
				return true;
			}
			return false;
		}

	}

}
