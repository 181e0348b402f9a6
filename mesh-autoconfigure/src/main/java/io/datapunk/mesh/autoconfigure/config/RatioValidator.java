package io.datapunk.mesh.autoconfigure.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link Ratio}.
 *
 * @author datapunk mesh team
 */
class RatioValidator implements ConstraintValidator<Ratio, Number> {

	@Override
	public boolean isValid(Number value, ConstraintValidatorContext context) {
		// NaN fails both comparisons, so it is refused too.
		return value == null || (value.doubleValue() >= 0 && value.doubleValue() <= 1);
	}

}
