package io.datapunk.mesh.benchmarks.load;

/**
 * One of the targets for the mesh, checked against a scenario's results.
 *
 * @param scenario the scenario
 * @param target what the mesh should achieve
 * @param met whether it did, or {@code null} if it could not be checked (a variant or
 * scenario it needs did not run)
 * @param detail the measured values
 * @author datapunk mesh team
 * @since 0.1.0
 */
public record TargetCheck(Scenario scenario, String target, Boolean met, String detail) {

	/**
	 * Return the check as one line.
	 * @return such as {@code overhead: mesh p50 within 50 us of raw: MET (+21 us)}
	 */
	@Override
	public String toString() {
		String verdict = (this.met == null) ? "n/a" : (this.met ? "MET" : "MISSED");
		return this.scenario.id() + ": " + this.target + ": " + verdict + " (" + this.detail + ")";
	}

}
