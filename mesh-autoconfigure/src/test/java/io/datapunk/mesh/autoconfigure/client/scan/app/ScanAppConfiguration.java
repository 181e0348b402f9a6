package io.datapunk.mesh.autoconfigure.client.scan.app;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * Stands for an application class: its package is an auto-configuration package.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ScanAppConfiguration {

}
