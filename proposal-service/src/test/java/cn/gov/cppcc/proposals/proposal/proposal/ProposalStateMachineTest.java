package cn.gov.cppcc.proposals.proposal.proposal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import cn.gov.cppcc.proposals.common.error.ApiException;
import cn.gov.cppcc.proposals.proposal.proposal.Proposal.Deadlines;
import cn.gov.cppcc.proposals.proposal.proposal.Proposal.HandlingUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every transition from every status: legal moves change the status and record one
 * history change with its event; illegal ones throw {@code illegal-transition} and change
 * nothing.
 */
class ProposalStateMachineTest {

	private static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

	private static final Deadlines DEADLINES = new Deadlines(TODAY.plusDays(10), TODAY.plusMonths(1),
			TODAY.plusMonths(3), TODAY.plusMonths(6));

	record Move(String name, Set<ProposalStatus> from, ProposalStatus to, String event, Consumer<Proposal> action) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Proposal in(ProposalStatus status) {
		Proposal p = Proposal.draft("1001", "关于测试的提案", "内容", "经济", List.of("建议一", "建议二"), List.of("1002"), NOW);
		p.id = 1L;
		p.status = status;
		p.coSigners.put("1002", CoSignerStatus.CONFIRMED);
		p.coSigners.put("1003", CoSignerStatus.INVITED);
		p.coSignatureDeadline = TODAY.plusDays(7);
		p.mode = AssignmentMode.LEAD;
		p.units = new ArrayList<>(List.of(new HandlingUnit("2", UnitRole.LEAD, "工信厅", true, NOW),
				new HandlingUnit("3", UnitRole.CO, "政务办", true, NOW)));
		p.objectionDeadline = DEADLINES.objection();
		p.replyDeadline = DEADLINES.reply();
		p.hardDeadline = DEADLINES.hard();
		p.clearChanges();
		return p;
	}

	static Proposal target() {
		Proposal t = in(ProposalStatus.FILED);
		t.id = 2L;
		return t;
	}

	static List<Move> moves() {
		EnumSet<ProposalStatus> handling = EnumSet.of(ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING);
		return List.of(
				new Move("edit", EnumSet.of(ProposalStatus.DRAFT), ProposalStatus.DRAFT, null,
						(p) -> p.edit("t", "c", "k", List.of("s"), List.of())),
				new Move("submit", EnumSet.of(ProposalStatus.DRAFT), ProposalStatus.SUBMITTED, "proposal.submitted",
						(p) -> p.submit(NOW, TODAY.plusDays(7), "13-4", 13, 4)),
				new Move("co-signature", EnumSet.of(ProposalStatus.SUBMITTED), null, "proposal.co-signature-confirmed",
						(p) -> p.coSignature("1003", true, TODAY)),
				new Move("withdraw", EnumSet.of(ProposalStatus.DRAFT, ProposalStatus.SUBMITTED),
						ProposalStatus.WITHDRAWN, "proposal.withdrawn", Proposal::withdraw),
				new Move("file", EnumSet.of(ProposalStatus.SUBMITTED), ProposalStatus.FILED, "proposal.filed",
						(p) -> p.file("13-4", 13, 4, 7, "十三届四次会议第0007号", null, NOW)),
				new Move("not-file", EnumSet.of(ProposalStatus.SUBMITTED), ProposalStatus.NOT_FILED,
						"proposal.not-filed", (p) -> p.notFile(NotFiledReason.STATE_SECRET, null)),
				new Move("merge", EnumSet.of(ProposalStatus.SUBMITTED, ProposalStatus.FILED), ProposalStatus.MERGED,
						"proposal.merged", (p) -> p.mergeInto(target())),
				new Move("assign", EnumSet.of(ProposalStatus.FILED), ProposalStatus.ASSIGNED, "proposal.assigned",
						(p) -> p.assign(AssignmentMode.LEAD,
								List.of(new HandlingUnit("5", UnitRole.LEAD, "财政厅", true, NOW)), NOW, DEADLINES)),
				new Move("objection", EnumSet.of(ProposalStatus.ASSIGNED), null, "proposal.objection-raised",
						(p) -> p.raiseObjection(9, "3", "非本单位职责", TODAY)),
				new Move("objection-upheld", EnumSet.of(ProposalStatus.ASSIGNED), null, "proposal.objection-decided",
						(p) -> p.upholdObjection(9, "2", new HandlingUnit("1", UnitRole.LEAD, "发改委", true, NOW), NOW,
								DEADLINES, null)),
				new Move("objection-rejected", EnumSet.of(ProposalStatus.ASSIGNED), null, "proposal.objection-decided",
						(p) -> p.rejectObjection(9, "2", "维持")),
				new Move("extension", handling, null, "proposal.extension-requested",
						(p) -> p.requestExtension(4, "2", TODAY.plusMonths(4), "调研", TODAY)),
				new Move("extension-decision", handling, null, "proposal.extension-decided",
						(p) -> p.decideExtension(4, true, TODAY.plusMonths(4), null)),
				new Move("communication", handling, null, "proposal.communication-recorded",
						(p) -> p.recordCommunication("2", CommunicationKind.MEETING, NOW)),
				new Move("co-opinion", handling, null, "proposal.co-opinion-submitted", (p) -> p.submitCoOpinion("3")),
				new Move("reply-submit", handling, ProposalStatus.REPLIED, "proposal.reply-submitted",
						(p) -> p.replySent(1, "2", "A", true, true, NOW, TODAY.plusDays(21), TODAY.plusDays(28), null)),
				new Move("reclassify", EnumSet.of(ProposalStatus.REPLIED, ProposalStatus.CLOSED), null,
						"proposal.reply-reclassified", (p) -> p.reclassify(1, "A", "B", TODAY.plusMonths(6))),
				new Move("feedback-satisfied", EnumSet.of(ProposalStatus.REPLIED), null, "proposal.feedback-received",
						(p) -> p.feedback("1001", Rating.SATISFIED, List.of("1001"), NOW, TODAY.plusMonths(1))),
				new Move("feedback-unsatisfied", EnumSet.of(ProposalStatus.REPLIED), ProposalStatus.REHANDLING,
						"proposal.rehandling-started",
						(p) -> p.feedback("1002", Rating.UNSATISFIED, List.of("1002"), NOW, TODAY.plusMonths(1))),
				new Move("feedback-all-rated", EnumSet.of(ProposalStatus.REPLIED), ProposalStatus.CLOSED,
						"proposal.closed",
						(p) -> p.feedback("1002", Rating.BASICALLY_SATISFIED, List.of("1001", "1002"), NOW,
								TODAY.plusMonths(1))),
				new Move("close-after-window", EnumSet.of(ProposalStatus.REPLIED), ProposalStatus.CLOSED,
						"proposal.closed", (p) -> p.closeAfterFeedbackWindow(NOW)),
				new Move("publish", EnumSet.of(ProposalStatus.REPLIED, ProposalStatus.CLOSED), null,
						"proposal.published", (p) -> p.publish(PublicationLevel.FULL, null, NOW)),
				new Move("key-proposal-select",
						EnumSet.of(ProposalStatus.FILED, ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING), null,
						"proposal.key-proposal-selected",
						(p) -> p.selectAsKey("省政协副主席", "副省长", "社会关注度高", NOW, TODAY.plusDays(28))),
				new Move(
						"key-proposal-cancel", EnumSet.of(ProposalStatus.FILED, ProposalStatus.ASSIGNED,
								ProposalStatus.REHANDLING, ProposalStatus.REPLIED),
						null, "proposal.key-proposal-cancelled", (p) -> {
							p.keyProposal = true;
							p.cancelKey("已办结");
						}),
				new Move("supervision",
						EnumSet.of(ProposalStatus.ASSIGNED, ProposalStatus.REHANDLING, ProposalStatus.REPLIED), null,
						"proposal.supervision-recorded", (p) -> {
							p.keyProposal = true;
							p.recordSupervision(5, SupervisionKind.INSPECTION, NOW);
						}),
				new Move("progress-report", handling, null, "proposal.progress-reported", (p) -> {
					p.keyProposal = true;
					p.reportProgress(6, "2", true);
				}), new Move("follow-up", EnumSet.of(ProposalStatus.REPLIED, ProposalStatus.CLOSED), null,
						"proposal.follow-up-submitted", (p) -> p.followUp(7, 1, "2", "A", true, TODAY.plusMonths(6))));
	}

	static Stream<Arguments> everyMoveFromEveryStatus() {
		List<Arguments> cases = new ArrayList<>();
		for (Move move : moves()) {
			for (ProposalStatus status : ProposalStatus.values()) {
				cases.add(Arguments.of(move, status));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} from {1}")
	@MethodSource("everyMoveFromEveryStatus")
	void everyMoveFromEveryStatus(Move move, ProposalStatus status) {
		Proposal p = in(status);
		if (move.from().contains(status)) {
			move.action().accept(p);
			assertThat(p.status()).isEqualTo((move.to() != null) ? move.to() : status);
			if (move.event() != null) {
				assertThat(p.changes()).extracting(Proposal.Change::eventType).contains(move.event());
			}
		}
		else {
			assertThatThrownBy(() -> move.action().accept(p)).isInstanceOfSatisfying(ApiException.class, (ex) -> {
				assertThat(ex.getCode()).isEqualTo("illegal-transition");
				assertThat(ex.getStatus().value()).isEqualTo(409);
			});
			assertThat(p.status()).isEqualTo(status);
			assertThat(p.changes()).isEmpty();
		}
	}

	/**
	 * The follow-up due date travels in the events (statistics count overdue follow-ups
	 * from it; it is configuration, platform.proposals.follow-up-months, not a rule the
	 * readers know): set on a reply of a follow-up class, null otherwise, and repeated on
	 * a reclassification and on the follow-up answer.
	 */
	@Test
	void replyReclassificationAndFollowUpEventsCarryTheFollowUpDueDate() {
		LocalDate due = TODAY.plusMonths(6);
		Proposal b = in(ProposalStatus.ASSIGNED);
		b.replySent(1, "2", "B", true, true, NOW, TODAY.plusDays(21), TODAY.plusDays(28), due);
		assertThat(b.changes().get(0).eventFields()).containsEntry("followUpDue", due.toString())
			.containsEntry("resultClass", "B");
		b.clearChanges();
		b.followUp(7, 1, "2", "A", true, due);
		assertThat(b.changes().get(0).eventFields()).containsEntry("followUpDue", due.toString())
			.containsEntry("onTime", true);

		Proposal a = in(ProposalStatus.ASSIGNED);
		a.replySent(1, "2", "A", true, true, NOW, TODAY.plusDays(21), TODAY.plusDays(28), null);
		assertThat(a.changes().get(0).eventFields()).containsEntry("followUpDue", null);
		a.clearChanges();
		a.reclassify(1, "A", "B", due);
		assertThat(a.changes().get(0).eventFields()).containsEntry("followUpDue", due.toString());
		a.clearChanges();
		a.reclassify(1, "B", "A", null);
		assertThat(a.changes().get(0).eventFields()).containsEntry("followUpDue", null);
	}

	@Test
	void extensionNeverPastTheHardLimitNorAfterTheDeadline() {
		Proposal p = in(ProposalStatus.ASSIGNED);
		assertThatThrownBy(() -> p.requestExtension(1, "2", DEADLINES.hard().plusDays(1), "r", TODAY))
			.hasMessage("extension-past-hard-limit");
		assertThatThrownBy(() -> p.requestExtension(1, "2", DEADLINES.hard(), "r", DEADLINES.reply().plusDays(1)))
			.hasMessage("extension-too-late");
		assertThatThrownBy(() -> p.requestExtension(1, "2", DEADLINES.reply(), "r", TODAY))
			.hasMessage("extension-not-later");
		p.requestExtension(1, "2", DEADLINES.hard(), "r", TODAY);
		assertThat(p.changes()).hasSize(1);
	}

	@Test
	void objectionOnlyWithinTheWindowAndByAnAssignedUnit() {
		Proposal p = in(ProposalStatus.ASSIGNED);
		assertThatThrownBy(() -> p.raiseObjection(1, "3", "r", DEADLINES.objection().plusDays(1)))
			.hasMessage("objection-window-closed");
		assertThatThrownBy(() -> p.raiseObjection(1, "6", "r", TODAY)).hasMessage("illegal-transition");
	}

	@Test
	void upheldObjectionReplacesTheUnitInItsRole() {
		Proposal p = in(ProposalStatus.ASSIGNED);
		p.upholdObjection(1, "2", new HandlingUnit("1", UnitRole.LEAD, "发改委", true, NOW), NOW, DEADLINES, "改由发改委主办");
		assertThat(p.leadUnitId()).isEqualTo("1");
		assertThat(p.isActiveUnit("2")).isFalse();
		assertThat(p.activeUnits(UnitRole.CO)).containsExactly("3");
		Map<String, Object> fields = p.changes().get(0).eventFields();
		assertThat(fields).containsEntry("upheld", true).containsEntry("newLeadUnitId", "1");
	}

	@Test
	void aCoUnitMayBePromotedToLead() {
		Proposal p = in(ProposalStatus.ASSIGNED);
		p.upholdObjection(1, "2", new HandlingUnit("3", UnitRole.LEAD, "政务办", true, NOW), NOW, DEADLINES, null);
		assertThat(p.leadUnitId()).isEqualTo("3");
		assertThat(p.activeUnits(UnitRole.CO)).isEmpty();
		assertThat(p.isActiveUnit("2")).isFalse();
		assertThatThrownBy(() -> in(ProposalStatus.ASSIGNED).upholdObjection(1, "3",
				new HandlingUnit("2", UnitRole.LEAD, "工信厅", true, NOW), NOW, DEADLINES, null))
			.hasMessage("reassignment-invalid");
	}

	@Test
	void filingDropsUnconfirmedCoSigners() {
		Proposal p = in(ProposalStatus.SUBMITTED);
		p.file("13-4", 13, 4, 1, "十三届四次会议第0001号", null, NOW);
		assertThat(p.proposerIds()).containsExactly("1001", "1002");
		assertThat(p.coSigners()).containsEntry("1003", CoSignerStatus.EXPIRED);
	}

	@Test
	void keyProposalOnceAndItsProgressDeadlineFollowsAssignment() {
		Proposal p = in(ProposalStatus.FILED);
		p.selectAsKey("省政协副主席", null, null, NOW, TODAY.plusDays(28));
		assertThat(p.keyProposal()).isTrue();
		assertThat(p.keyProgressDeadline).as("set at assignment, not before").isNull();
		assertThatThrownBy(() -> p.selectAsKey("另一位", null, null, NOW, TODAY)).hasMessage("illegal-transition");
		p.assign(AssignmentMode.LEAD, List.of(new HandlingUnit("5", UnitRole.LEAD, "财政厅", true, NOW)), NOW,
				new Deadlines(TODAY.plusDays(10), TODAY.plusMonths(1), TODAY.plusMonths(3), TODAY.plusMonths(6),
						TODAY.plusDays(30)));
		assertThat(p.keyProgressDeadline).isEqualTo(TODAY.plusDays(30));
		Map<String, Object> selected = p.changes().get(0).eventFields();
		assertThat(selected).containsEntry("supervisor", "省政协副主席").containsEntry("progressDeadline", null);

		Proposal plain = in(ProposalStatus.FILED);
		plain.assign(AssignmentMode.LEAD, List.of(new HandlingUnit("5", UnitRole.LEAD, "财政厅", true, NOW)), NOW,
				new Deadlines(TODAY.plusDays(10), TODAY.plusMonths(1), TODAY.plusMonths(3), TODAY.plusMonths(6),
						TODAY.plusDays(30)));
		assertThat(plain.keyProgressDeadline).as("not a key proposal").isNull();
	}

	@Test
	void onlyKeyProposalsAreSupervisedAndOnlyLeadingUnitsReportProgress() {
		Proposal p = in(ProposalStatus.ASSIGNED);
		assertThatThrownBy(() -> p.recordSupervision(1, SupervisionKind.MEETING, NOW)).hasMessage("illegal-transition");
		assertThatThrownBy(() -> p.reportProgress(1, "2", true)).hasMessage("illegal-transition");
		assertThatThrownBy(() -> p.cancelKey("r")).hasMessage("illegal-transition");
		p.selectAsKey("省政协副主席", null, null, NOW, TODAY.plusDays(28));
		assertThat(p.keyProgressDeadline).isEqualTo(TODAY.plusDays(28));
		assertThatThrownBy(() -> p.reportProgress(1, "3", true)).as("a co-handling unit")
			.hasMessage("illegal-transition");
		p.reportProgress(1, "2", false);
		assertThat(p.changes()).last().extracting(Proposal.Change::eventType).isEqualTo("proposal.progress-reported");
		p.cancelKey("调整");
		assertThat(p.keyProposal()).isFalse();
		assertThat(p.keyProgressDeadline).isNull();
	}

	@Test
	void forwardingAsAnOpinionWaitsForTheAuthorsConsent() {
		Proposal p = in(ProposalStatus.SUBMITTED);
		p.notFile(NotFiledReason.PERSONAL_MATTER, "个人诉求", new Proposal.ForwardTarget("4", "省大数据管理中心"));
		assertThat(p.status()).isEqualTo(ProposalStatus.NOT_FILED);
		assertThat(p.forwardedAsOpinion).as("not forwarded before consent").isFalse();
		assertThat(p.forwardingStatus).isEqualTo(ForwardingStatus.AWAITING_CONSENT);
		assertThat(p.changes().get(0).eventFields()).containsEntry("forwardingRequested", true)
			.containsEntry("forwardToUnitId", "4")
			.containsEntry("forwardedAsOpinion", false);
		assertThatThrownBy(() -> p.answerForwarding("1002", true, NOW)).as("a co-signer").hasMessage("forbidden");
		p.answerForwarding("1001", true, NOW);
		assertThat(p.forwardingStatus).isEqualTo(ForwardingStatus.FORWARDED);
		assertThat(p.forwardedAsOpinion).isTrue();
		assertThat(p.status()).isEqualTo(ProposalStatus.NOT_FILED);
		assertThat(p.changes()).last().satisfies((c) -> {
			assertThat(c.eventType()).isEqualTo("proposal.forwarded");
			assertThat(c.eventFields()).containsEntry("toUnitId", "4");
		});
		assertThatThrownBy(() -> p.answerForwarding("1001", false, NOW)).as("answered once")
			.hasMessage("forwarding-not-awaiting-consent");

		Proposal declined = in(ProposalStatus.SUBMITTED);
		declined.notFile(NotFiledReason.OTHER, null, new Proposal.ForwardTarget("4", "省大数据管理中心"));
		declined.answerForwarding("1001", false, NOW);
		assertThat(declined.forwardingStatus).isEqualTo(ForwardingStatus.DECLINED);
		assertThat(declined.forwardedAsOpinion).isFalse();
		assertThat(declined.changes()).last()
			.extracting(Proposal.Change::eventType)
			.isEqualTo("proposal.forwarding-declined");

		Proposal plain = in(ProposalStatus.SUBMITTED);
		plain.notFile(NotFiledReason.OTHER, null);
		assertThatThrownBy(() -> plain.answerForwarding("1001", true, NOW)).as("nothing asked")
			.hasMessage("forwarding-not-awaiting-consent");
		for (ProposalStatus status : ProposalStatus.values()) {
			if (status != ProposalStatus.NOT_FILED) {
				assertThatThrownBy(() -> in(status).answerForwarding("1001", true, NOW)).as(status.name())
					.hasMessage("forwarding-not-awaiting-consent");
			}
		}
	}

	@Test
	void theCommunicationDeadlineIsSetAtAssignmentAndRestartsOnReassignment() {
		Proposal p = in(ProposalStatus.FILED);
		p.assign(AssignmentMode.LEAD, List.of(new HandlingUnit("2", UnitRole.LEAD, "工信厅", true, NOW)), NOW,
				new Deadlines(TODAY.plusDays(10), TODAY.plusMonths(1), TODAY.plusMonths(3), TODAY.plusMonths(6), null,
						TODAY.plusDays(21)));
		assertThat(p.communicationDeadline).isEqualTo(TODAY.plusDays(21));
		assertThat(p.changes().get(0).eventFields()).containsEntry("communicationDeadline",
				TODAY.plusDays(21).toString());
		p.upholdObjection(9, "2", new HandlingUnit("1", UnitRole.LEAD, "发改委", true, NOW), NOW,
				new Deadlines(TODAY.plusDays(15), TODAY.plusMonths(2), TODAY.plusMonths(4), TODAY.plusMonths(7), null,
						TODAY.plusDays(30)),
				null);
		assertThat(p.communicationDeadline).isEqualTo(TODAY.plusDays(30));
	}

	@Test
	void masking() {
		assertThat(Masking.maskText("电话13812345678，身份证320102199001011234，邮箱zhang.san@example.com，座机025-83301234"))
			.isEqualTo("电话138****5678，身份证320102********1234，邮箱z***@example.com，座机025-****1234");
	}

}
