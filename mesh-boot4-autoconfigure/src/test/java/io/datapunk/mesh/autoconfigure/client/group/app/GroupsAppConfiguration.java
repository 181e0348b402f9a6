package io.datapunk.mesh.autoconfigure.client.group.app;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Stands for an application class that declares its HTTP service groups; its package is
 * an auto-configuration package, so its {@code @MeshClient} interface is found too.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ImportHttpServices(group = "inventory", types = InventoryApi.class)
@ImportHttpServices(group = "catalog", types = CatalogApi.class)
@ImportHttpServices(group = "billing", types = BillingApi.class)
public class GroupsAppConfiguration {

}
