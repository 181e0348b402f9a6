package io.datapunk.mesh.internal.client;

import java.util.Collection;
import java.util.Map;

import io.datapunk.mesh.internal.config.ServiceNames;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import io.datapunk.mesh.MeshClient;

/**
 * Finds {@link MeshClient} interfaces in packages and registers a bean for each, named
 * after the interface. An interface already registered is left alone, so that packages
 * may overlap. A bad service name stops startup here, before any call.
 *
 * @author datapunk mesh team
 */
public final class MeshClientScanner {

	private final ClassPathScanningCandidateComponentProvider scanner;

	private final ClassLoader classLoader;

	public MeshClientScanner(Environment environment, ResourceLoader resourceLoader) {
		this.scanner = new ClassPathScanningCandidateComponentProvider(false, environment) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				AnnotationMetadata metadata = definition.getMetadata();
				return metadata.isInterface() && metadata.isIndependent() && !metadata.isAnnotation();
			}
		};
		this.scanner.setResourceLoader(resourceLoader);
		this.scanner.addIncludeFilter(new AnnotationTypeFilter(MeshClient.class));
		this.classLoader = resourceLoader.getClassLoader();
	}

	static boolean isMeshEnabled(Environment environment) {
		return environment.getProperty("mesh.enabled", Boolean.class, true);
	}

	public void registerMeshClients(Collection<String> basePackages, BeanDefinitionRegistry registry) {
		for (String basePackage : basePackages) {
			for (BeanDefinition candidate : this.scanner.findCandidateComponents(basePackage)) {
				register(((AnnotatedBeanDefinition) candidate).getMetadata(), registry);
			}
		}
	}

	private void register(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		String className = metadata.getClassName();
		if (registry.containsBeanDefinition(className)) {
			return;
		}
		Map<String, Object> attributes = metadata.getAnnotationAttributes(MeshClient.class.getName());
		String serviceId = ServiceNames.requireValid((String) attributes.get("value"), "@MeshClient on " + className);
		Class<?> type = ClassUtils.resolveClassName(className, this.classLoader);
		Object fallbackValue = attributes.get("fallback");
		Class<?> fallback = (fallbackValue instanceof String name) ? ClassUtils.resolveClassName(name, this.classLoader)
				: (Class<?>) fallbackValue;
		boolean hasFallback = fallback != null && fallback != void.class;
		AbstractBeanDefinition definition = BeanDefinitionBuilder.genericBeanDefinition(MeshClientFactoryBean.class)
			.addConstructorArgValue(type)
			.addConstructorArgValue(serviceId)
			.addConstructorArgValue(hasFallback ? fallback : null)
			.getBeanDefinition();
		// The fallback is a bean of the same type: the mesh client must win injection.
		definition.setPrimary(hasFallback);
		definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, type);
		registry.registerBeanDefinition(className, definition);
	}

}
