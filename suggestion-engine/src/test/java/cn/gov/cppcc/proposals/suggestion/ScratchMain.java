package cn.gov.cppcc.proposals.suggestion;

public class ScratchMain {

	public static void main(String[] args) {
		GovTextAnalyzer a = new GovTextAnalyzer();
		System.out.println(a.terms("关于加快发改委与发展改革部门协同、推进12345热线和一张网建设、经信委支持两化融合的建议"));
		System.out.println(a.terms("加快智慧江苏建设，推动信息化、数字经济发展，整合12345热线，建设政务服务一张网，完善数据共享交换平台"));
		SuggestionEngine e = new SuggestionEngine();
		e.loadUnits(UnitDirectory.loadDefault());
		for (String t : args) {
			System.out.println(t + " -> " + e.suggest(t, "", 5));
		}
		System.out.println(e.suggest("加快智慧江苏建设", "信息化发展指数、数字经济规模；整合全省12345热线，建设政务服务一张网，完善省市县数据共享交换平台", 5));
	}

}
