package cn.gov.cppcc.proposals.proposal.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The numbers of DOMAIN.md, as configuration with its defaults (they differ between
 * provinces and cities).
 *
 * @param coSignatureDays days an invited co-signer (联名) has to confirm
 * @param objectionDays objection window (申请调整) after assignment
 * @param objectionWorkingDays whether the objection window counts working days
 * @param coOpinionMonths months for a co-handling unit's opinion
 * @param replyMonths reply deadline after assignment
 * @param hardLimitMonths hard limit after assignment; extensions never go past it
 * @param feedbackWorkingDays working days for each proposer to rate a reply
 * @param rehandlingMonths new reply deadline after an UNSATISFIED rating
 * @param publicationWorkingDays working days to publish a reply
 * @param reminderDaysBefore working days before a deadline when the reminder event fires
 * @param resultClasses the result class scheme of replies
 * @param keyProgressWorkingDays working days after assignment (or selection, when already
 * assigned) for the replying units of a key proposal (重点提案) to report their progress
 * @param followUpClasses result classes whose reply promised something and owes a
 * follow-up answer once done (B: being solved or planned)
 * @param followUpMonths months after such a reply for its follow-up answer
 * @param communicationWorkingDays working days after assignment (or reassignment) for the
 * replying units to meet or call the proposer (办前沟通)
 */
@ConfigurationProperties("platform.proposals")
public record ProposalProperties(@DefaultValue("7") int coSignatureDays, @DefaultValue("10") int objectionDays,
		@DefaultValue("false") boolean objectionWorkingDays, @DefaultValue("1") int coOpinionMonths,
		@DefaultValue("3") int replyMonths, @DefaultValue("6") int hardLimitMonths,
		@DefaultValue("15") int feedbackWorkingDays, @DefaultValue("1") int rehandlingMonths,
		@DefaultValue("20") int publicationWorkingDays, @DefaultValue("3") int reminderDaysBefore, @DefaultValue( {
				"A", "B", "C" }) List<String> resultClasses,
		@DefaultValue("20") int keyProgressWorkingDays, @DefaultValue("B") List<String> followUpClasses,
		@DefaultValue("6") int followUpMonths, @DefaultValue("15") int communicationWorkingDays){
}
