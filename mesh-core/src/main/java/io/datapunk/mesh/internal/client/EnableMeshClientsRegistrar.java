package io.datapunk.mesh.internal.client;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;
import io.datapunk.mesh.EnableMeshClients;
import io.datapunk.mesh.MeshClient;

/**
 * Registers the {@link MeshClient} interfaces of the packages named by
 * {@link EnableMeshClients}, unless {@code mesh.enabled} is {@code false}.
 *
 * @author datapunk mesh team
 */
public class EnableMeshClientsRegistrar
		implements ImportBeanDefinitionRegistrar, EnvironmentAware, ResourceLoaderAware {

	private Environment environment;

	private ResourceLoader resourceLoader;

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
		if (!MeshClientScanner.isMeshEnabled(this.environment)) {
			return;
		}
		AnnotationAttributes attributes = AnnotationAttributes
			.fromMap(metadata.getAnnotationAttributes(EnableMeshClients.class.getName()));
		Set<String> packages = new LinkedHashSet<>();
		for (String basePackage : attributes.getStringArray("basePackages")) {
			packages.add(basePackage);
		}
		for (Class<?> basePackageClass : attributes.getClassArray("basePackageClasses")) {
			packages.add(ClassUtils.getPackageName(basePackageClass));
		}
		if (packages.isEmpty()) {
			packages.add(ClassUtils.getPackageName(metadata.getClassName()));
		}
		new MeshClientScanner(this.environment, this.resourceLoader).registerMeshClients(packages, registry);
	}

}
