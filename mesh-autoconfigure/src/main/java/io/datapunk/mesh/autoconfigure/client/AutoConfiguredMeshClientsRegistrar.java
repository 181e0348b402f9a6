package io.datapunk.mesh.autoconfigure.client;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import io.datapunk.mesh.internal.client.MeshClientScanner;
import io.datapunk.mesh.MeshClient;

/**
 * Registers the {@link MeshClient} interfaces of the application's auto-configuration
 * packages (those of its {@code @SpringBootApplication} class), as Spring Data does for
 * repositories.
 *
 * @author datapunk mesh team
 */
class AutoConfiguredMeshClientsRegistrar
		implements ImportBeanDefinitionRegistrar, BeanFactoryAware, EnvironmentAware, ResourceLoaderAware {

	private BeanFactory beanFactory;

	private Environment environment;

	private ResourceLoader resourceLoader;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (AutoConfigurationPackages.has(this.beanFactory)) {
			new MeshClientScanner(this.environment, this.resourceLoader)
				.registerMeshClients(AutoConfigurationPackages.get(this.beanFactory), registry);
		}
	}

}
