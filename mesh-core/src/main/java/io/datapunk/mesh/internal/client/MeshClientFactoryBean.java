package io.datapunk.mesh.internal.client;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import io.datapunk.mesh.MeshClient;

/**
 * Makes the bean of one {@link MeshClient} interface with the context's
 * {@link MeshClientFactory}.
 *
 * @param <T> the interface type
 * @author datapunk mesh team
 */
class MeshClientFactoryBean<T> implements FactoryBean<T>, BeanFactoryAware {

	private final Class<T> type;

	private final String serviceId;

	private final Class<?> fallbackType;

	private BeanFactory beanFactory;

	MeshClientFactoryBean(Class<T> type, String serviceId, Class<?> fallbackType) {
		this.type = type;
		this.serviceId = serviceId;
		this.fallbackType = fallbackType;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public T getObject() {
		return this.beanFactory.getBean(MeshClientFactory.class)
			.createClient(this.type, this.serviceId, (this.fallbackType != null) ? fallback() : null);
	}

	private T fallback() {
		String where = "@MeshClient(fallback = " + this.fallbackType.getName() + ") on " + this.type.getName();
		if (!this.type.isAssignableFrom(this.fallbackType)) {
			throw new IllegalStateException(where + ": the fallback must implement " + this.type.getName());
		}
		try {
			return this.type.cast(this.beanFactory.getBean(this.fallbackType));
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new IllegalStateException(where + ": no bean of type " + this.fallbackType.getName()
					+ "; annotate it with @Component or declare it as a @Bean", ex);
		}
	}

	@Override
	public Class<?> getObjectType() {
		return this.type;
	}

}
