export { ConversationList, type ConversationListProps, type ConversationListView } from './ConversationList.js'
