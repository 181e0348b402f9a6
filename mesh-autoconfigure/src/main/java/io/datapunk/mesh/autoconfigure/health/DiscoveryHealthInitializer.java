package io.datapunk.mesh.autoconfigure.health;

import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Tells Spring Cloud's discovery health that discovery is ready when nothing else will.
 * Its {@code discoveryClient} indicator stays {@code UNKNOWN} ("Discovery Client not
 * initialized") until an {@link InstanceRegisteredEvent}, which only a service registry
 * publishes; an application that calls services through the mesh without registering
 * itself would show that forever. With an {@link AutoServiceRegistration} (Consul's), the
 * registry's own event is awaited, as before.
 *
 * @author datapunk mesh team
 */
class DiscoveryHealthInitializer implements ApplicationListener<ContextRefreshedEvent> {

	private final ApplicationContext context;

	DiscoveryHealthInitializer(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		// Child contexts' events reach this listener too: only this one's refresh counts.
		if (event.getApplicationContext() == this.context
				&& this.context.getBeanNamesForType(AutoServiceRegistration.class, false, false).length == 0) {
			this.context.publishEvent(new InstanceRegisteredEvent<>(this, "no service registry"));
		}
	}

}
