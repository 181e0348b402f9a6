package io.datapunk.mesh.autoconfigure.actuate;

import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.spi.MeshLoadBalancer;
import io.datapunk.mesh.autoconfigure.client.MeshClientAutoConfiguration;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.discovery.DiscoveryStatusSource;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.internal.health.MeshServices;
import io.datapunk.mesh.autoconfigure.health.MeshServicesAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code mesh} endpoint:
 * read-only, unless {@code mesh.actuator.write-operations.enabled=true}; and for the live
 * page beside it, {@link MeshDashboardEndpoint}, when
 * {@code mesh.dashboard.enabled=true}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { MeshServicesAutoConfiguration.class, MeshClientAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean({ MeshServices.class, MeshLoadBalancer.class, InstanceLoads.class })
@ConditionalOnAvailableEndpoint(MeshEndpoint.class)
public class MeshEndpointAutoConfiguration {

	/** The switch of the endpoint's write operations. */
	public static final String WRITE_OPERATIONS_PROPERTY = "mesh.actuator.write-operations.enabled";

	/**
	 * The role a caller needs for the write operations; empty for any authenticated one.
	 */
	public static final String WRITE_ROLE_PROPERTY = "mesh.actuator.write-operations.role";

	/** The switch of the live page. */
	public static final String DASHBOARD_PROPERTY = "mesh.dashboard.enabled";

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = DASHBOARD_PROPERTY)
	@ConditionalOnAvailableEndpoint(MeshDashboardEndpoint.class)
	MeshDashboardEndpoint meshDashboardEndpoint() {
		return new MeshDashboardEndpoint();
	}

	@Bean
	@ConditionalOnMissingBean(MeshEndpoint.class)
	@ConditionalOnBooleanProperty(name = WRITE_OPERATIONS_PROPERTY)
	WritableMeshEndpoint writableMeshEndpoint(MeshSettings settings, MeshServices services, MeshDiscovery discovery,
			MeshLoadBalancer balancer, InstanceLoads loads, ObjectProvider<DiscoveryStatusSource> statusSources,
			Environment environment) {
		return new WritableMeshEndpoint(
				new MeshDescriptors(settings, services, balancer, loads, discovery.describeSources(),
						statusSources.orderedStream().toList()),
				services, environment.getProperty(WRITE_ROLE_PROPERTY, "MESH_ADMIN").trim());
	}

	@Bean
	@ConditionalOnMissingBean(MeshEndpoint.class)
	@ConditionalOnBooleanProperty(name = WRITE_OPERATIONS_PROPERTY, havingValue = false, matchIfMissing = true)
	MeshEndpoint meshEndpoint(MeshSettings settings, MeshServices services, MeshDiscovery discovery,
			MeshLoadBalancer balancer, InstanceLoads loads, ObjectProvider<DiscoveryStatusSource> statusSources) {
		return new MeshEndpoint(new MeshDescriptors(settings, services, balancer, loads, discovery.describeSources(),
				statusSources.orderedStream().toList()));
	}

}
