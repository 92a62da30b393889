package cn.gov.cppcc.proposals.suggestion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionEngineTest {

	/**
	 * Proposal 0768 of the 1st session of the 12th Jiangsu CPPCC (DOMAIN.md), in the
	 * words of its reply.
	 */
	static final String TITLE_0768 = "加快智慧江苏建设";

	static final String CONTENT_0768 = "建议加快信息化发展，做大数字经济规模，推进信息化和工业化深度融合；"
			+ "整合全省12345政务服务热线平台，建设全省政务服务一张网；完善省市县三级数据共享交换平台，打破信息孤岛。";

	private static List<UnitProfile> units;

	@BeforeAll
	static void loadUnits() {
		units = UnitDirectory.loadDefault();
	}

	private static SuggestionEngine engine() {
		SuggestionEngine engine = new SuggestionEngine();
		engine.loadUnits(units);
		return engine;
	}

	@Test
	void proposal0768GoesToIndustryAndInformatisationWithGovernmentServicesAndBigDataAsCo() {
		try (SuggestionEngine engine = engine()) {
			List<UnitSuggestion> s = engine.suggest(TITLE_0768, CONTENT_0768, 5);
			System.out.println("0768 -> " + s);
			assertThat(s.stream().limit(3).map(UnitSuggestion::unitId)).contains("2");
			assertThat(s.get(0).role()).isEqualTo(UnitSuggestion.Role.LEAD);
			assertThat(s.stream().filter((u) -> u.role() == UnitSuggestion.Role.CO).map(UnitSuggestion::unitId))
				.containsAnyOf("3", "4");
			assertThat(s).extracting(UnitSuggestion::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
			UnitSuggestion industry = s.stream().filter((u) -> u.unitId().equals("2")).findFirst().orElseThrow();
			assertThat(industry.reasons()).anySatisfy((r) -> assertThat(r).startsWith("职责匹配：").contains("信息化"));
		}
	}

	@Test
	void aLearnedAssignmentChangesTheSuggestionAtOnceAndIsGivenAsAReason() {
		try (SuggestionEngine engine = engine()) {
			String title = "关于规范城市共享单车停放秩序的提案";
			String content = "共享单车投放过量，占用人行道，影响市容";
			String before = engine.suggest(title, content, 1).get(0).unitId();
			String target = before.equals("16") ? "15" : "16";
			engine
				.learn(new PastProposal("0101", "关于加强共享单车停放管理的提案", "共享单车乱停乱放占用人行道", "十二届一次会议", target, List.of(), "A"));
			engine
				.learn(new PastProposal("0102", "关于治理共享单车无序投放的建议", "共享单车投放过量，停放无序", "十二届二次会议", target, List.of(), "B"));
			List<UnitSuggestion> after = engine.suggest(title, content, 3);
			System.out.println(
					"before " + before + " after " + after + " similar " + engine.similar(title, content, null, 3));
			assertThat(after.get(0).unitId()).isEqualTo(target);
			assertThat(after.get(0).reasons())
				.anySatisfy((r) -> assertThat(r).startsWith("相似提案「关于").contains("第0101号").endsWith("由该单位主办"));
		}
	}

	@Test
	void unlearnRemovesTheProposalAndAnUpheldObjectionMovesTheVotes() {
		try (SuggestionEngine engine = engine()) {
			PastProposal original = new PastProposal("0555", "关于建设城市地下综合管廊的提案", "地下综合管廊统筹建设", "十二届一次会议", "16",
					List.of("5"), null);
			engine.learn(original);
			assertThat(engine.similar("关于加快城市地下综合管廊建设的提案", "", null, 5)).extracting(SimilarProposal::id)
				.containsExactly("0555");
			// objection by 交通运输厅 upheld: reassigned to 住建厅
			engine.unlearn("0555");
			assertThat(engine.similar("关于加快城市地下综合管廊建设的提案", "", null, 5)).isEmpty();
			engine.learn(new PastProposal("0555", original.title(), original.content(), original.sessionLabel(), "15",
					List.of(), null));
			assertThat(engine.learnedCount()).isEqualTo(1);
			List<SimilarProposal> similar = engine.similar("关于加快城市地下综合管廊建设的提案", "", null, 5);
			assertThat(similar).singleElement().satisfies((p) -> assertThat(p.leadUnitId()).isEqualTo("15"));
			UnitSuggestion housing = engine.suggest("关于加快城市地下综合管廊建设的提案", "", 5)
				.stream()
				.filter((u) -> u.unitId().equals("15"))
				.findFirst()
				.orElseThrow();
			assertThat(housing.reasons()).anySatisfy((r) -> assertThat(r).contains("由该单位主办"));
		}
	}

	@Test
	void similarFindsANearDuplicateTitleFirstAndLeavesOutTheProposalItself() {
		try (SuggestionEngine engine = engine()) {
			engine.learnAll(
					List.of(new PastProposal("0768", TITLE_0768, CONTENT_0768, "十二届一次会议", "2", List.of("3", "4"), "A"),
							new PastProposal("0301", "关于加强农村公路养护的提案", "农村公路养护资金不足", "十二届一次会议", "16", List.of(), "B"),
							new PastProposal("0302", "关于推进老旧小区加装电梯的提案", "既有住宅加装电梯审批难", "十二届二次会议", "15", List.of(), "A"),
							new PastProposal("0303", "关于发展数字经济的建议", "数字经济核心产业", "十二届二次会议", "2", List.of(), "B")));
			List<SimilarProposal> similar = engine.similar("关于加快建设智慧江苏的提案", "推进信息化和数据共享交换平台建设", "new-1", 3);
			assertThat(similar).isNotEmpty();
			assertThat(similar.get(0).id()).isEqualTo("0768");
			assertThat(similar.get(0).leadUnitId()).isEqualTo("2");
			assertThat(similar.get(0).outcome()).isEqualTo("A");
			assertThat(similar).allSatisfy((p) -> assertThat(p.score()).isBetween(0.0, 1.0));
			assertThat(similar).extracting(SimilarProposal::id).doesNotContain("0301", "0302");
			assertThat(engine.similar(TITLE_0768, CONTENT_0768, "0768", 3)).extracting(SimilarProposal::id)
				.doesNotContain("0768");
		}
	}

	@Test
	void emptyOrMeaninglessTextGivesNoSuggestion() {
		try (SuggestionEngine engine = engine()) {
			assertThat(engine.suggest("", "", 5)).isEmpty();
			assertThat(engine.suggest("关于进一步加强的建议", null, 5)).isEmpty();
			assertThat(engine.suggest("关于加强农村公路养护的提案", "", 0)).isEmpty();
			assertThat(engine.similar("", "", null, 5)).isEmpty();
		}
		try (SuggestionEngine noUnits = new SuggestionEngine()) {
			assertThat(noUnits.suggest("关于加强农村公路养护的提案", "", 5)).isEmpty();
		}
	}

	@Test
	void concurrentLearningAndSuggestingIsSafe() throws Exception {
		try (SuggestionEngine engine = engine()) {
			ExecutorService pool = Executors.newFixedThreadPool(6);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			String[] topics = { "农村公路养护", "老旧小区加装电梯", "职业技能培训", "食品安全监管", "数据共享交换", "养老服务设施" };
			String[] leads = { "16", "15", "12", "6", "4", "10" };
			for (int w = 0; w < 3; w++) {
				int writer = w;
				futures.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 100; i++) {
						int t = (writer + i) % topics.length;
						String id = writer + "-" + i;
						engine.learn(new PastProposal(id, "关于" + topics[t] + "的提案" + i, topics[t], "十二届一次会议", leads[t],
								List.of(), null));
						if (i % 10 == 0) {
							engine.unlearn(id);
						}
					}
					return null;
				}));
			}
			for (int r = 0; r < 3; r++) {
				int reader = r;
				futures.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 200; i++) {
						String topic = topics[(reader + i) % topics.length];
						assertThat(engine.suggest("关于" + topic + "的建议", "", 3)).isNotEmpty();
						engine.similar("关于" + topic + "的建议", "", null, 5);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> f : futures) {
				f.get(60, TimeUnit.SECONDS);
			}
			pool.shutdown();
			assertThat(engine.learnedCount()).isEqualTo(3 * 90);
			assertThat(engine.similar("关于农村公路养护的建议", "", null, 400)).hasSizeGreaterThan(10)
				.allSatisfy((p) -> assertThat(p.leadUnitId()).isNotNull());
		}
	}

	@Test
	void aDirectoryPhraseMatchesEvenWhereTheSegmenterLeavesOnlySingleCharacters() {
		// the segmenter cuts 路灯 into 路 / 灯 (dropped as single characters) both in the
		// unit text
		// and in the proposal: only the phrase field lets the lighting unit be found at
		// all
		List<UnitProfile> units = List.of(new UnitProfile("light", "照明单位", "PROVINCIAL_DEPARTMENT", "路灯、亮化", List.of()),
				new UnitProfile("road", "道路单位", "PROVINCIAL_DEPARTMENT", "农村道路、乡村道路", List.of()));
		try (SuggestionEngine e = new SuggestionEngine()) {
			e.loadUnits(units);
			// in the content: the character-bigram fallback reads only titles
			List<UnitSuggestion> s = e.suggest("", "建议在村道两旁增设路灯。", 2);
			assertThat(s).extracting(UnitSuggestion::unitId).contains("light", "road");
		}
	}

	@Test
	void aGenericVerbAloneNoLongerDecidesTheLead() {
		// 维护 appears only in the texts of units that rarely lead (职工权益维护); it is a stop
		// word
		// now, so a title whose only other word is unknown gets no lead from it
		try (SuggestionEngine e = new SuggestionEngine()) {
			e.loadUnits(UnitDirectory.loadDefault());
			assertThat(e.suggest("关于加强维护的建议", "", 3)).isEmpty();
		}
	}

	@Test
	void votesRaiseAUnitButNeverDropOneTheDirectoryLists() {
		// near-duplicates assigned to the lead raise it further, but the units the
		// directory alone lists stay listed as CO (with the round-2 threshold on the
		// combined score the third one fell under 30 % of the raised lead and vanished)
		String title = "关于加强校园周边交通安全的提案";
		String content = "学校门口上下学时段交通拥堵，学生安全隐患多";
		try (SuggestionEngine engine = engine()) {
			List<String> cold = engine.suggest(title, content, 3).stream().map(UnitSuggestion::unitId).toList();
			assertThat(cold).hasSize(3);
			String target = cold.get(0);
			for (int i = 0; i < 3; i++) {
				engine.learn(new PastProposal("11" + i, "关于改善校园周边交通安全的提案", "学校门口上下学时段交通拥堵，学生安全隐患多，建议增设护学岗", "十二届一次会议",
						target, List.of(), null));
			}
			List<UnitSuggestion> warm = engine.suggest(title, content, 3);
			System.out.println("cold " + cold + " warm " + warm);
			assertThat(warm.get(0).unitId()).isEqualTo(target);
			assertThat(warm.get(0).reasons()).anySatisfy((r) -> assertThat(r).endsWith("由该单位主办"));
			assertThat(warm).extracting(UnitSuggestion::unitId).containsExactlyInAnyOrderElementsOf(cold);
		}
	}

	@Test
	void learningPastAssignmentsHelpsInCrossValidation() {
		// 5-fold cross-validation on the tunable labelled items: every item suggested for
		// after learning the other folds must do at least as well as the directory alone
		// (with the round-2 combination it did worse: 78.0 -> 76.1 % top-1,
		// 92.8 -> 90.7 % top-3)
		CrossValidation.Score[] s = CrossValidation.run(SuggestionSettings.defaults(), 5, 1);
		System.out.println("directory only " + s[0].format() + " / learned " + s[1].format());
		assertThat(s[1].top1()).isGreaterThanOrEqualTo(s[0].top1());
		assertThat(s[1].top3()).isGreaterThanOrEqualTo(s[0].top3());
	}

}
