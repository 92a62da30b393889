package cn.gov.cppcc.proposals.proposal.deadline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.proposal.calendar.WorkingCalendar;
import cn.gov.cppcc.proposals.proposal.config.ProposalProperties;
import cn.gov.cppcc.proposals.proposal.outbox.Outbox;
import cn.gov.cppcc.proposals.proposal.proposal.DueDeadlines;
import cn.gov.cppcc.proposals.proposal.proposal.DueDeadlines.Due;
import cn.gov.cppcc.proposals.proposal.proposal.ProposalService;
import cn.gov.cppcc.proposals.proposal.support.Db;

/**
 * Emits {@code proposal.deadline-reminder} (N working days before) and
 * {@code proposal.deadline-overdue} (the day after) ONCE per deadline: each notice is a
 * row with a unique key (proposal, deadline kind, unit, due date, notice kind) inserted
 * in the same transaction as its event, so a second run or a second instance inserts
 * nothing and emits nothing. ShedLock keeps it to one instance at a time anyway. It also
 * drops unconfirmed co-signers and closes proposals whose feedback window ended.
 */
@Component
public class DeadlineJob {

	private static final Logger log = LoggerFactory.getLogger(DeadlineJob.class);

	private final DueDeadlines deadlines;

	private final ProposalService proposals;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Outbox outbox;

	private final WorkingCalendar calendar;

	private final ProposalProperties props;

	private final Clock clock;

	DeadlineJob(DueDeadlines deadlines, ProposalService proposals, JdbcClient jdbc, TransactionTemplate tx,
			Outbox outbox, WorkingCalendar calendar, ProposalProperties props, Clock clock) {
		this.deadlines = deadlines;
		this.proposals = proposals;
		this.jdbc = jdbc;
		this.tx = tx;
		this.outbox = outbox;
		this.calendar = calendar;
		this.props = props;
		this.clock = clock;
	}

	@Scheduled(cron = "${platform.deadlines.cron:0 */10 * * * *}", zone = "Asia/Shanghai")
	@SchedulerLock(name = "deadline-job", lockAtMostFor = "PT9M")
	public void scheduled() {
		run(LocalDate.now(this.clock.withZone(Db.ZONE)));
	}

	/**
	 * One pass over the open deadlines as of {@code today}.
	 * @return events emitted
	 */
	public int run(LocalDate today) {
		int emitted = 0;
		for (Long id : this.deadlines.candidates()) {
			try {
				emitted += runFor(id, today);
			}
			catch (RuntimeException ex) {
				log.warn("Deadline check of proposal {} failed: {}", id, ex.getClass().getSimpleName());
			}
		}
		return emitted;
	}

	private int runFor(long id, LocalDate today) {
		DueDeadlines.Open open = this.deadlines.of(id).orElse(null);
		if (open == null) {
			return 0;
		}
		int emitted = 0;
		boolean coSignatureOver = false;
		boolean feedbackOver = false;
		for (Due due : open.deadlines()) {
			if (today.isAfter(due.dueOn())) {
				emitted += notice(open, due, "OVERDUE", today);
				coSignatureOver |= "CO_SIGNATURE".equals(due.kind());
				feedbackOver |= "FEEDBACK".equals(due.kind());
			}
			else if (this.calendar.workingDaysBetween(today, due.dueOn()) <= this.props.reminderDaysBefore()) {
				emitted += notice(open, due, "REMINDER", today);
			}
		}
		if (coSignatureOver) {
			this.proposals.expireCoSignatures(id, today);
		}
		if (feedbackOver) {
			this.proposals.closeAfterFeedbackWindow(id, today);
		}
		return emitted;
	}

	private int notice(DueDeadlines.Open open, Due due, String kind, LocalDate today) {
		Integer emitted = this.tx.execute((status) -> {
			int inserted = this.jdbc.sql("""
					INSERT IGNORE INTO deadline_notice (proposal_id, deadline_kind, unit_id, due_on, notice_kind,
					created_at) VALUES (?, ?, ?, ?, ?, ?)""")
				.params(open.id(), due.kind(), due.unitId(), due.dueOn(), kind, Db.ts(this.clock.instant()))
				.update();
			if (inserted == 0) {
				return 0;
			}
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("deadlineKind", due.kind());
			fields.put("dueOn", due.dueOn().toString());
			fields.put("unitId", due.unitId().isEmpty() ? null : due.unitId());
			if ("REMINDER".equals(kind)) {
				fields.put("daysLeft", ChronoUnit.DAYS.between(today, due.dueOn()));
			}
			this.outbox.append("REMINDER".equals(kind) ? "proposal.deadline-reminder" : "proposal.deadline-overdue",
					open.id(), open.version(), "system", open.snapshot(), fields, this.clock.instant());
			return 1;
		});
		return (emitted != null) ? emitted : 0;
	}

}
