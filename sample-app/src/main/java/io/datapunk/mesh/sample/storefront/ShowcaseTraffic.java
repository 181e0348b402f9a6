package io.datapunk.mesh.sample.storefront;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Steady calls to inventory in the background ({@code sample.traffic.enabled}), so that
 * {@code /actuator/mesh}, {@code /actuator/health} and {@code /actuator/prometheus} show
 * the mesh at work without anyone calling the storefront. Failures are the point and are
 * not logged: the mesh logs its state changes.
 *
 * @author datapunk mesh team
 */
@Component
@ConditionalOnBooleanProperty("sample.traffic.enabled")
class ShowcaseTraffic implements SmartLifecycle {

	private final InventoryClient inventory;

	private final Duration interval;

	private ScheduledExecutorService scheduler;

	ShowcaseTraffic(InventoryClient inventory, @Value("${sample.traffic.interval:50ms}") Duration interval) {
		this.inventory = inventory;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newScheduledThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "showcase-traffic");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		for (int i = 0; i < 2; i++) {
			this.scheduler.scheduleWithFixedDelay(this::call, millis, millis, TimeUnit.MILLISECONDS);
		}
	}

	private void call() {
		try {
			this.inventory.item("42");
		}
		catch (RuntimeException ex) {
			// Shown by the mesh's state, its meters and its logs.
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
