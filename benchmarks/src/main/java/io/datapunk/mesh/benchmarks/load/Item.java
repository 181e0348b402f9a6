package io.datapunk.mesh.benchmarks.load;

/**
 * An item as a backend answers it, read by every variant.
 *
 * @param id the item id
 * @param name the item name
 * @param stock how many are in stock
 * @param servedBy the backend that answered
 * @author datapunk mesh team
 * @since 0.1.0
 */
public record Item(String id, String name, int stock, String servedBy) {

}
