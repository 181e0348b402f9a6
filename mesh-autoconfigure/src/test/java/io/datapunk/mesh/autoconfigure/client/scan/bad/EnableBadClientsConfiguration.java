package io.datapunk.mesh.autoconfigure.client.scan.bad;

import io.datapunk.mesh.EnableMeshClients;

import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableMeshClients
public class EnableBadClientsConfiguration {

}
