package io.datapunk.mesh.config;

import java.time.Duration;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link PositiveDuration}.
 *
 * @author datapunk mesh team
 */
class PositiveDurationValidator implements ConstraintValidator<PositiveDuration, Duration> {

	@Override
	public boolean isValid(Duration value, ConstraintValidatorContext context) {
		return value == null || (!value.isNegative() && !value.isZero());
	}

}
