package io.datapunk.mesh.autoconfigure.client.scan.other;

import io.datapunk.mesh.EnableMeshClients;

import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableMeshClients(basePackageClasses = ShippingClient.class)
public class EnableOtherClientsConfiguration {

}
