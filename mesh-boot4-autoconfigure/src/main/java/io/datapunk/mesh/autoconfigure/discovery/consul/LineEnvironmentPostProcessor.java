package io.datapunk.mesh.autoconfigure.discovery.consul;

import org.springframework.boot.EnvironmentPostProcessor;

/**
 * Spring Boot's environment post-processor contract on this line (Boot 4:
 * {@code org.springframework.boot.EnvironmentPostProcessor}, which this module's
 * {@code spring.factories} lists under its own key), for the shared
 * {@link ConsulCatalogWatchDefaultsPostProcessor}. The Boot 3.5 module has an interface
 * of this name that extends 3.5's contract.
 *
 * @author datapunk mesh team
 */
interface LineEnvironmentPostProcessor extends EnvironmentPostProcessor {

}
