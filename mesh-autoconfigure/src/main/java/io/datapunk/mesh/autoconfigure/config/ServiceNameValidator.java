package io.datapunk.mesh.autoconfigure.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import io.datapunk.mesh.internal.config.ServiceNames;

/**
 * Checks {@link ValidServiceName}.
 *
 * @author datapunk mesh team
 */
class ServiceNameValidator implements ConstraintValidator<ValidServiceName, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || ServiceNames.isValid(value);
	}

}
