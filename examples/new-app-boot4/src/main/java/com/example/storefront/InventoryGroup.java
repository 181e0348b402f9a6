package com.example.storefront;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Boot 4's own way to declare a client: the HTTP service group {@code inventory}. It has
 * a {@code mesh.services.inventory} entry in {@code application.yml} and no
 * {@code spring.http.serviceclient.inventory.base-url}, so the mesh takes it (README,
 * "HTTP service groups"). On the application class in the README; here on a class of its
 * own, since the application class is shared with the Boot 3.5 example, where Spring
 * Framework 6.2 has no service groups.
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "inventory", types = InventoryApi.class)
class InventoryGroup {

}
