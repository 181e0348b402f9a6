package io.datapunk.mesh.autoconfigure.discovery.consul;

import org.springframework.boot.env.EnvironmentPostProcessor;

/**
 * Spring Boot's environment post-processor contract on this line (3.5:
 * {@code org.springframework.boot.env.EnvironmentPostProcessor}), for the shared
 * {@link ConsulCatalogWatchDefaultsPostProcessor}. Boot 4 moved the contract to
 * {@code org.springframework.boot} (the old one is deprecated for removal); the Boot 4
 * module has an interface of this name that extends the new one.
 *
 * @author datapunk mesh team
 */
interface LineEnvironmentPostProcessor extends EnvironmentPostProcessor {

}
