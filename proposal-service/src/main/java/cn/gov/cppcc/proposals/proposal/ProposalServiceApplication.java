package cn.gov.cppcc.proposals.proposal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The whole life of a proposal and its event feed (提案全生命周期与事件流).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients
@EnableScheduling
public class ProposalServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProposalServiceApplication.class, args);
	}

}
