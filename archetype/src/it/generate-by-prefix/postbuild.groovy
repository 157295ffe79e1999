// The project the README's command made: its pom, and the policy named as asked, in the package asked for.
File project = new File(basedir, 'acme-policy')
assert new File(project, 'pom.xml').isFile() : 'no acme-policy/pom.xml'
File policy = new File(project, 'src/main/java/com/acme/policy/ShortestQueuePolicy.java')
assert policy.isFile() : 'no policy class in package com.acme.policy'
assert policy.text.contains('NAME = "acme"') : 'the policy is not named acme'
assert new File(project, 'src/test/java/com/acme/policy/ShortestQueueContractTest.java').isFile() : 'no contract test'
