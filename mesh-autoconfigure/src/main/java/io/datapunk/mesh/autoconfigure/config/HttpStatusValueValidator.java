package io.datapunk.mesh.autoconfigure.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link HttpStatusValue}.
 *
 * @author datapunk mesh team
 */
class HttpStatusValueValidator implements ConstraintValidator<HttpStatusValue, Integer> {

	@Override
	public boolean isValid(Integer value, ConstraintValidatorContext context) {
		return value == null || (value >= 100 && value <= 599);
	}

}
