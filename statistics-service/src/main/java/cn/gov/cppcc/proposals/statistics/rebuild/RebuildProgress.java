package cn.gov.cppcc.proposals.statistics.rebuild;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Progress of a rebuild.
 *
 * @param state IDLE, RUNNING, DONE or FAILED
 * @param processed events read from the feed so far
 * @param latestKnownPosition the highest feed position known (the cursor before the
 * rebuild, or the highest read since)
 * @param percent processed / latest known position, 0–100 (100 when done)
 * @param startedAt when it started
 * @param finishedAt when it finished
 * @param error problem code when it failed
 * @param trigger why it runs: ADMIN (the endpoint), EMPTY_READ_MODEL (first start) or
 * PROJECTION_VERSION (the stored read model was built by an older projector)
 */
@Schema(description = "重建进度 / rebuild progress")
public record RebuildProgress(String state, long processed, long latestKnownPosition, double percent, Instant startedAt,
		Instant finishedAt, String error, String trigger) {

	static RebuildProgress idle() {
		return new RebuildProgress("IDLE", 0, 0, 0, null, null, null, null);
	}

	static RebuildProgress running(Instant startedAt, long processed, long latest, String trigger) {
		double percent = (latest <= 0) ? 0 : Math.min(99.9, Math.round(processed * 1000.0 / latest) / 10.0);
		return new RebuildProgress("RUNNING", processed, latest, percent, startedAt, null, null, trigger);
	}

	RebuildProgress done(Instant finishedAt, long processed, long latest) {
		return new RebuildProgress("DONE", processed, latest, 100, this.startedAt, finishedAt, null, this.trigger);
	}

	RebuildProgress failed(Instant finishedAt, String code) {
		return new RebuildProgress("FAILED", this.processed, this.latestKnownPosition, this.percent, this.startedAt,
				finishedAt, code, this.trigger);
	}

}
