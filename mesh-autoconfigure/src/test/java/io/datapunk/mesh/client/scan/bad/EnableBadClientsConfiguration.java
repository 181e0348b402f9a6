package io.datapunk.mesh.client.scan.bad;

import io.datapunk.mesh.client.EnableMeshClients;

import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableMeshClients
public class EnableBadClientsConfiguration {

}
