package io.datapunk.mesh.internal.balancer;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BinaryOperator;
import java.util.function.ToDoubleFunction;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The power of two choices: pick two different instances at random and keep the one that
 * costs less, either on a tie.
 *
 * @author datapunk mesh team
 */
final class TwoChoices {

	private TwoChoices() {
	}

	static ServiceInstance pick(List<ServiceInstance> instances, ToDoubleFunction<ServiceInstance> cost) {
		return pick(instances, (a, b) -> {
			double costA = cost.applyAsDouble(a);
			double costB = cost.applyAsDouble(b);
			if (costA == costB) {
				return ThreadLocalRandom.current().nextBoolean() ? a : b;
			}
			return (costA < costB) ? a : b;
		});
	}

	/**
	 * Pick two different instances at random and keep the one a rule prefers.
	 * @param instances the candidates
	 * @param preferred the rule: given two instances, the one to keep
	 * @return the instance kept
	 */
	static ServiceInstance pick(List<ServiceInstance> instances, BinaryOperator<ServiceInstance> preferred) {
		int size = instances.size();
		if (size == 1) {
			return instances.get(0);
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int first = random.nextInt(size);
		// A second index among the other size - 1, so the two always differ.
		int second = random.nextInt(size - 1);
		if (second >= first) {
			second++;
		}
		return preferred.apply(instances.get(first), instances.get(second));
	}

}
