package cn.gov.cppcc.proposals.department.unit;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.baomidou.mybatisplus.annotation.Version;

/**
 * A handling unit (承办单位).
 */
@TableName("unit")
public class Unit {

	@TableId(type = IdType.AUTO)
	public Long id;

	public String code;

	public String name;

	public String shortName;

	public UnitType type;

	public Long parentId;

	public String responsibilities;

	public String contact;

	public Boolean active;

	@Version
	public Integer version;

	public Instant createdAt;

	public Instant updatedAt;

}
