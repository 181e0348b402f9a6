package io.datapunk.mesh.autoconfigure.client;

import java.time.Duration;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The settings the HTTP clients that carry attempts are built with, over Spring Boot 4's
 * {@link HttpClientSettings} ({@code ClientHttpRequestFactorySettings} in Boot 3.5, whose
 * module has a class of this name over it), so that the glue both lines share names
 * neither. Immutable.
 *
 * @since 0.1.0
 */
public final class AttemptClientSettings {

	private final HttpClientSettings settings;

	private AttemptClientSettings(HttpClientSettings settings) {
		this.settings = settings;
	}

	/**
	 * Return the settings over the application's.
	 * @param settings the application's HTTP client settings
	 * @return the settings
	 */
	public static AttemptClientSettings of(HttpClientSettings settings) {
		return new AttemptClientSettings(settings);
	}

	/**
	 * Return Spring Boot's default HTTP client settings.
	 * @return the settings
	 */
	public static AttemptClientSettings defaults() {
		return of(HttpClientSettings.defaults());
	}

	AttemptClientSettings withTimeouts(Duration connect, Duration read) {
		return of(this.settings.withTimeouts(connect, read));
	}

	AttemptClientSettings withSslBundle(SslBundle bundle) {
		return of(this.settings.withSslBundle(bundle));
	}

	<T extends ClientHttpRequestFactory> T build(ClientHttpRequestFactoryBuilder<T> builder) {
		return builder.build(this.settings);
	}

	/**
	 * Build a reactive connector with these settings, for the reactive attempts of a
	 * service the application's connector cannot serve.
	 */
	<T extends ClientHttpConnector> T buildConnector(ClientHttpConnectorBuilder<T> builder) {
		return builder.build(this.settings);
	}

}
