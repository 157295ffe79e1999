// The project the README's command made: its pom, and the policy named as asked, in the package asked for.
File project = new File(basedir, 'acme-policy')
assert new File(project, 'pom.xml').isFile() : 'no acme-policy/pom.xml'
File policy = new File(project, 'src/main/java/com/acme/policy/ShortestQueuePolicy.java')
assert policy.isFile() : 'no policy class in package com.acme.policy'
assert policy.text.contains('NAME = "acme"') : 'the policy is not named acme'
assert new File(project, 'src/test/java/com/acme/policy/ShortestQueueContractTest.java').isFile() : 'no contract test'

// Its verify ran both tests (a verify that skipped them would pass without fetching what they need).
def ran = { String report ->
  File xml = new File(project, report)
  assert xml.isFile() : "no ${report}: the generated project's tests did not run"
  def suite = new groovy.xml.XmlSlurper().parse(xml)
  assert (suite.@tests.toInteger()) > 0 : "${report} ran no test"
  assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 : "${report} has failures"
}
ran('target/surefire-reports/TEST-com.acme.policy.ShortestQueueContractTest.xml')
ran('target/failsafe-reports/TEST-com.acme.policy.ShortestQueueInPlatformIT.xml')
