package io.datapunk.mesh.autoconfigure.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link Percentage}.
 *
 * @author datapunk mesh team
 */
class PercentageValidator implements ConstraintValidator<Percentage, Number> {

	@Override
	public boolean isValid(Number value, ConstraintValidatorContext context) {
		// NaN fails both comparisons, so it is refused too.
		return value == null || (value.doubleValue() > 0 && value.doubleValue() <= 100);
	}

}
