package io.datapunk.mesh.autoconfigure.config;

import java.time.Duration;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.springframework.boot.convert.DurationStyle;

/**
 * Checks {@link PositiveDuration}.
 *
 * @author datapunk mesh team
 */
class PositiveDurationValidator implements ConstraintValidator<PositiveDuration, Duration> {

	private Duration max;

	@Override
	public void initialize(PositiveDuration annotation) {
		this.max = DurationStyle.detectAndParse(annotation.max());
	}

	@Override
	public boolean isValid(Duration value, ConstraintValidatorContext context) {
		return value == null || (!value.isNegative() && !value.isZero() && value.compareTo(this.max) <= 0);
	}

}
