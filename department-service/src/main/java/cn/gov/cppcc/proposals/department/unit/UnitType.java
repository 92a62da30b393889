package cn.gov.cppcc.proposals.department.unit;

/**
 * Kinds of handling unit (API.md "Organisation").
 */
public enum UnitType {

	/** 省级部门 (厅、委、局、办). */
	PROVINCIAL_DEPARTMENT,
	/** 设区市人民政府. */
	CITY_GOVERNMENT,
	/** 人民团体、中央驻苏单位等组织. */
	ORGANISATION,
	/** 政协机关及其工作机构. */
	CPPCC_BODY

}
