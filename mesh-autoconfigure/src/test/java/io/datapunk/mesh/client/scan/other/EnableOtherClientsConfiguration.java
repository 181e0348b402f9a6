package io.datapunk.mesh.client.scan.other;

import io.datapunk.mesh.client.EnableMeshClients;

import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableMeshClients(basePackageClasses = ShippingClient.class)
public class EnableOtherClientsConfiguration {

}
