package io.datapunk.mesh.autoconfigure.config;

import java.net.URI;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link InstanceUri}.
 *
 * @author datapunk mesh team
 */
class InstanceUriValidator implements ConstraintValidator<InstanceUri, URI> {

	@Override
	public boolean isValid(URI uri, ConstraintValidatorContext context) {
		if (uri == null) {
			return true;
		}
		boolean httpScheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
		boolean emptyPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
		return httpScheme && uri.getHost() != null && uri.getRawUserInfo() == null && emptyPath
				&& uri.getRawQuery() == null && uri.getRawFragment() == null;
	}

}
