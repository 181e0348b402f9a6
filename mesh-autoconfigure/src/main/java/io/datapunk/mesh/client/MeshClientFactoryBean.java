package io.datapunk.mesh.client;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;

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

	private BeanFactory beanFactory;

	MeshClientFactoryBean(Class<T> type, String serviceId) {
		this.type = type;
		this.serviceId = serviceId;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public T getObject() {
		return this.beanFactory.getBean(MeshClientFactory.class).createClient(this.type, this.serviceId);
	}

	@Override
	public Class<?> getObjectType() {
		return this.type;
	}

}
